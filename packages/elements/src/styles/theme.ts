import { css, unsafeCSS } from 'lit';

/** The design tokens of the kit: every colour and size a host may override with `--crm-*` custom properties. */
export const lightTokens = {
  '--crm-font-family': 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  '--crm-font-size': '14px',
  '--crm-radius': '6px',
  '--crm-spacing': '8px',
  '--crm-color-surface': '#ffffff',
  '--crm-color-surface-alt': '#f4f6f8',
  '--crm-color-text': '#1b1f24',
  '--crm-color-text-muted': '#57606a',
  '--crm-color-border': '#c9d1d9',
  '--crm-color-primary': '#0b5cad',
  '--crm-color-primary-text': '#ffffff',
  '--crm-color-danger': '#b42318',
  '--crm-color-warning': '#8a5a00',
  '--crm-color-warning-surface': '#fff4d6',
  '--crm-color-success': '#17663a',
  '--crm-color-focus': '#0b5cad',
} as const;

/** The dark theme's values of the same tokens. */
export const darkTokens: Record<keyof typeof lightTokens, string> = {
  ...lightTokens,
  '--crm-color-surface': '#161b22',
  '--crm-color-surface-alt': '#21262d',
  '--crm-color-text': '#e6edf3',
  '--crm-color-text-muted': '#9aa6b2',
  '--crm-color-border': '#3d444d',
  '--crm-color-primary': '#4f9cf0',
  '--crm-color-primary-text': '#0d1117',
  '--crm-color-danger': '#ff7b72',
  '--crm-color-warning': '#e3b341',
  '--crm-color-warning-surface': '#3a2e0b',
  '--crm-color-success': '#56d364',
  '--crm-color-focus': '#79c0ff',
};

/** A design token name. */
export type ThemeToken = keyof typeof lightTokens;

/**
 * Applies the light or dark theme by setting the tokens on `root` (the document by default); a host's own
 * `--crm-*` values set later, or closer to an element, win as usual in CSS.
 */
export function applyTheme(theme: 'light' | 'dark', root: HTMLElement = document.documentElement): void {
  const tokens = theme === 'dark' ? darkTokens : lightTokens;
  for (const [name, value] of Object.entries(tokens)) root.style.setProperty(name, value);
  root.dataset['crmTheme'] = theme;
}

const fallbacks = Object.entries(lightTokens)
  .map(([name, value]) => `${name.replace('--crm-', '--_')}: var(${name}, ${value});`)
  .join('\n');

/**
 * Styles shared by every component: the tokens with their light defaults (as `--_*` private aliases), base
 * typography, focus rings, buttons and form controls with accessible contrast.
 */
export const baseStyles = css`
  :host {
    ${unsafeCSS(fallbacks)}
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    color: var(--_color-text);
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  :focus-visible { outline: 2px solid var(--_color-focus); outline-offset: 2px; }
  button {
    font: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_color-border);
    background: var(--_color-surface);
    color: var(--_color-text);
    padding: calc(var(--_spacing) * 0.5) var(--_spacing);
    cursor: pointer;
  }
  button.primary { background: var(--_color-primary); color: var(--_color-primary-text); border-color: var(--_color-primary); }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  input, select, textarea {
    font: inherit;
    color: var(--_color-text);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: calc(var(--_spacing) * 0.5);
  }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
`;

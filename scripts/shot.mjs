// Takes a screenshot of a page served by `npm start` (used to look at the demo portal headless).
import puppeteer from 'puppeteer-core';
const [url, out, tab] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'], defaultViewport: { width: 1280, height: 800 } });
const page = await browser.newPage();
page.on('pageerror', (error) => console.log('pageerror:', error.stack ?? String(error)));
page.on('console', (message) => message.type() === 'error' && console.log('console error:', message.text()));
await page.goto(url, { waitUntil: 'networkidle0', timeout: 60_000 });
await new Promise((resolve) => setTimeout(resolve, 1500));
if (tab) {
  await page.click(tab);
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
await page.screenshot({ path: out });
console.log('status:', await page.$eval('#status', (element) => element.textContent).catch(() => 'no status'));
await browser.close();

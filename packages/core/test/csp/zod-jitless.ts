// Imported first by jitless.browser.test.ts, as the security guide tells hosts to: zod's code generation off
// before crmkit's modules load (they check their settings with zod while loading).
import { z } from 'zod';

z.config({ jitless: true });

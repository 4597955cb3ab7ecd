// Takes a screenshot of the built studio:
//   node scripts/screenshot.mjs [out.png]
// WIDTH=390|1280|1920 sets the viewport width; SECTION="Simulator" opens a
// section first; SIM_URL types a URL into the simulator; LOCALE=ko-KR shows
// the page as a Korean browser opens it.
import { serve, launch, openStudio } from '../tests/browser/harness.mjs';

const out = process.argv[2] ?? 'studio.png';
const server = await serve();
const { context, close } = await launch({ locale: process.env.LOCALE });
try {
  const { page } = await openStudio(context, server.url);
  await page.setViewportSize({ width: Number(process.env.WIDTH ?? 1280), height: 900 });
  if (process.env.SECTION) {
    await page.getByRole('navigation', { name: /Sections|섹션/ }).getByRole('button', { name: process.env.SECTION, exact: true }).click();
  }
  if (process.env.SIM_URL) {
    await page.getByLabel('URL', { exact: true }).fill(process.env.SIM_URL);
    await page.waitForTimeout(300);
  }
  // FULL=0: the first screen only, as the user first sees it.
  await page.screenshot({ path: out, fullPage: process.env.FULL !== '0' });
  console.log(`wrote ${out}`);
} finally {
  await close();
  await server.close();
}

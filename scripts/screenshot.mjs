// Takes a screenshot of the built studio: node scripts/screenshot.mjs [out.png]
import { serve, launch, openStudio } from '../tests/browser/harness.mjs';

const out = process.argv[2] ?? 'studio.png';
const server = await serve();
// LOCALE=ko-KR shows the page as a Korean browser opens it.
const { context, close } = await launch({ locale: process.env.LOCALE });
try {
  const { page } = await openStudio(context, server.url);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await close();
  await server.close();
}

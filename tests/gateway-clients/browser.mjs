// Opens a gateway URL in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; CHROMIUM_PATH
// overrides the path), reads the rendered page from the DOM and keeps a screenshot. With a link text, it
// then clicks that link as a person would and reads (and screenshots) the page it leads to. Prints one JSON line.
//
//   node browser.mjs <url> <screenshot.png> [<link text to click> <second-screenshot.png>]
//
// Page: { url, status, contentType, title, text (the first 4,000 characters shown), links: [{ text, href }], images: [{ src, naturalWidth, naturalHeight }] }.
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

const [url, screenshot, follow, followScreenshot] = process.argv.slice(2)
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (!existsSync(executablePath)) {
  console.error(`Chromium is not installed at ${executablePath}. Install it with: ` +
    'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)')
  process.exit(2)
}

async function read (page, response, path) {
  // An image opened alone renders as Chromium's own image document: wait until its <img> has decoded.
  await page.waitForFunction(() => Array.from(document.images).every(i => i.complete))
  // The whole page unless it is very long (a listing of a thousand entries): then what the window shows.
  const fullPage = await page.evaluate(() => document.documentElement.scrollHeight <= 3000)
  await page.screenshot({ path, fullPage })
  return {
    url: page.url(),
    status: response?.status() ?? null,
    contentType: response?.headers()['content-type'] ?? null,
    title: await page.title(),
    ...await page.evaluate(() => ({
      text: (document.body?.innerText ?? '').slice(0, 4000),
      links: Array.from(document.links, a => ({ text: a.textContent.trim(), href: a.href })),
      images: Array.from(document.images, i => ({ src: i.currentSrc, naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight }))
    }))
  }
}

// Running as root (CI containers) needs --no-sandbox; nothing here opens an untrusted page.
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] })
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } })
  const first = await read(page, await page.goto(url, { waitUntil: 'load' }), screenshot)
  let followed = null
  if (follow) {
    const [response] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('link', { name: follow, exact: true }).click()
    ])
    followed = await read(page, response, followScreenshot)
  }
  console.log(JSON.stringify({ ...first, followed }))
} catch (e) {
  console.error(e.stack ?? String(e))
  process.exitCode = 1
} finally {
  await browser.close()
}

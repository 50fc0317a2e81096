// Trunk's post-build hook: minifies the JavaScript of a release build with Terser. Trunk's own
// minifier cannot read the module wasm-bindgen writes (`export { … as default }`) and leaves it
// whole; minified, the glue is about a third of the first visit's JavaScript. Debug builds
// (`trunk serve`) are left as written, for reading in the browser's tools.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';

if (process.env.TRUNK_PROFILE === 'release') {
  const dir = process.env.TRUNK_STAGING_DIR;
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.js')) continue;
    const path = join(dir, name);
    const source = await readFile(path, 'utf8');
    // The worker's and the compare panel's glue are classic scripts (`importScripts`, a global
    // `wasm_bindgen`), whose top-level names must stay; the page's glue is a module.
    const module = !/\bimportScripts\s*\(|^let wasm_bindgen\b/m.test(source);
    const { code } = await minify(source, {
      module,
      compress: { passes: 2 },
      format: { comments: false },
    });
    await writeFile(path, code);
    console.log(`minified ${name}: ${source.length} → ${code.length} bytes`);
  }
}

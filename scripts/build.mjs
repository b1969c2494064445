// Builds what `npm start` needs, and only what changed since the last build: the server bundle
// (esbuild, with the workspace's own packages inlined) and the web app (Vite). `--force` rebuilds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function hashInputs(paths) {
  const hash = createHash('sha256');
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (
          name === 'node_modules' ||
          name === 'dist' ||
          name.endsWith('.test.ts') ||
          name.endsWith('.test.tsx')
        )
          continue;
        walk(join(p, name));
      }
    } else {
      hash.update(relative(root, p));
      hash.update(readFileSync(p));
    }
  };
  for (const p of paths) walk(join(root, p));
  return hash.digest('hex');
}

function upToDate(stampFile, digest) {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest;
}

export const SERVER_ENTRIES = ['src/main.ts'];

async function buildServer() {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: join(root, 'server'),
    entryPoints: SERVER_ENTRIES,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    plugins: [
      {
        // Third-party packages load from node_modules at run time; our workspaces are inlined.
        name: 'externals',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@mawaeed/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
}

export const viteBin = () =>
  join(dirname(createRequire(join(root, 'web/package.json')).resolve('vite/package.json')), 'bin/vite.js');

function buildWeb() {
  const r = spawnSync(process.execPath, [viteBin(), 'build', '--logLevel', 'warn'], {
    cwd: join(root, 'web'),
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('web build failed');
}

const TARGETS = [
  {
    name: 'server',
    inputs: ['core/src', 'server/src', 'server/package.json', 'package-lock.json', 'scripts/build.mjs'],
    stamp: 'server/dist/.build-stamp',
    run: buildServer,
  },
  {
    name: 'web',
    inputs: [
      'core/src',
      'web/src',
      'web/public',
      'web/index.html',
      'web/vite.config.ts',
      'web/package.json',
      'package-lock.json',
    ],
    stamp: 'web/dist/.build-stamp',
    run: buildWeb,
  },
];

export async function buildAll({ force = false } = {}) {
  for (const t of TARGETS) {
    const digest = hashInputs(t.inputs);
    const stamp = join(root, t.stamp);
    if (!force && upToDate(stamp, digest)) continue;
    const started = Date.now();
    process.stdout.write(`Building ${t.name}… `);
    await t.run();
    mkdirSync(dirname(stamp), { recursive: true });
    writeFileSync(stamp, digest);
    process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildAll({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Page addresses the service worker must never answer from its cache (API, docs, staff surfaces,
 * the developer inbox).
 */
const NOT_CACHED = [
  /^\/api\//,
  /^\/dev(\/|$)/,
  /^\/(docs|openapi\.json|metrics|healthz|readyz)/,
  /^\/(staff|counter|kiosk|display|dashboard|admin)(\/|$)/,
];

export default defineConfig({
  plugins: [
    react(),
    // The portal works offline once seen: the app shell and its chunks are precached, and the last
    // confirmation is kept in localStorage, so a person can show their QR code without signal.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'Mawaeed — مواعيد',
        short_name: 'Mawaeed',
        description: 'Appointments at the ministry’s service centres',
        start_url: '/',
        display: 'standalone',
        theme_color: '#b71c32',
        background_color: '#f8f9fa',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: [
          '**/*.{js,css,html,svg}',
          'assets/noto-sans-arabic-{arabic,latin}-wght-normal-*.woff2',
        ],
        // Staff surfaces (their own chunks, when they come) stay out of the portal's cache.
        globIgnores: [
          '**/staff-*',
          '**/admin-*',
          '**/counter-*',
          '**/kiosk-*',
          '**/display-*',
          '**/dashboard-*',
          '**/dev-inbox*',
          // The desk's and kiosk's QR reader (its WebAssembly is not matched above either).
          '**/barcode-reader-*',
        ],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: NOT_CACHED,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  server: { proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Chunks made only of staff code are named staff-*, which the precache above leaves out.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.length > 0 && chunk.moduleIds.every((id) => id.includes('/src/staff/'))
            ? 'assets/staff-[name]-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
});

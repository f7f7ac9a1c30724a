import { defineConfig } from "vite";

// Preact's automatic JSX runtime is handled by esbuild from tsconfig.json (jsxImportSource).
// The output directory defaults to dist/ and is overridden by the CMake build:
//   npm run build -- --outDir <build>/web --emptyOutDir
export default defineConfig({
  base: "/",
  esbuild: {
    jsx: "automatic",
    jsxImportSource: "preact",
  },
  build: {
    outDir: "dist",
    target: "es2022",
    sourcemap: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 200,
  },
  server: {
    // `npm run dev` against a locally running `psl serve`.
    proxy: {
      "/api": "http://127.0.0.1:8080",
      "/healthz": "http://127.0.0.1:8080",
    },
  },
});

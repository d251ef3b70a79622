// The tab: React + Fluent UI, built into dist/tab and served by the bot's server.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  root: "tab",
  base: "/",
  plugins: [react()],
  build: {
    outDir: "../dist/tab",
    emptyOutDir: true,
    sourcemap: true,
    target: "es2022",
    // The tab, and the pop-up Teams opens when single sign-on needs the person's consent first.
    rollupOptions: { input: { main: "tab/index.html", consent: "tab/auth-consent.html" } },
  },
  server: { port: 5173, proxy: { "/api": "http://127.0.0.1:3978" } },
});

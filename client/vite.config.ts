import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'

// In production the server serves dist/ itself (same origin, SPA fallback). In dev the app runs
// on vite's port and everything that talks to the server goes through this proxy, so cookies,
// CSRF header and websockets behave as they will in production. The server checks Origin on
// sockets and mutating requests: start it with ALLOWED_ORIGINS=http://localhost:5173 in dev.
const SERVER = 'http://localhost:3000'

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    port: 5173,
    proxy: {
      '/api': SERVER,
      '/uploads': SERVER,
      '/socket.io': { target: SERVER, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
})

import { accessSync, constants } from 'node:fs'
import { workerBin } from 'mediasoup'

// Fail once, with the fix, instead of every test timing out on a missing worker binary.
export default function setup(): void {
  try {
    accessSync(workerBin, constants.X_OK)
  } catch {
    throw new Error(`mediasoup-worker not found at ${workerBin}: run 'bash scripts/setup-mediasoup.sh'`)
  }
}

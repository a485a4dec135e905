// pngjs ships no types and @types/pngjs is not in the offline mirror: the little the demo uses.
declare module 'pngjs' {
  export class PNG {
    constructor(opts: { width: number; height: number })
    width: number
    height: number
    data: Buffer
    static sync: { write(png: PNG): Buffer }
  }
}

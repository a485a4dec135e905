// Filled by the previews work of issue 11.
export {}

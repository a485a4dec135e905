// Filled by the years work of issue 11.
export {}

// Filled by the plan work of issue 11.
export {}

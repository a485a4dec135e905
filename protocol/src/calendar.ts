// Filled by the calendar work of issue 11.
export {}

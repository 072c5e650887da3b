#!/usr/bin/env node
"use strict";
// The command line runs the compiled engine; `npm run build:cli` (or any npm script that
// needs it) produces dist/.
const path = require("node:path");
const fs = require("node:fs");
const main = path.join(__dirname, "..", "dist", "src", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write("cartera: run `npm run build:cli` first (dist/ is missing).\n");
  process.exit(2);
}
require(main).run(process.argv.slice(2)).then((code) => { process.exitCode = code; });

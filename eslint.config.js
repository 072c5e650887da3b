// @ts-check
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

module.exports = tseslint.config(
  { ignores: ["dist/**", "out/**", "node_modules/**", "coverage/**", "test/e2e/screenshots/**", "samples/*.xlsx"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // src/core stays pure: it imports nothing but itself (no package, no Node, no DOM, no other
  // layer). tsconfig.core.json checks the types; these rules check the imports, at each depth.
  ...[1, 2, 3].map((depth) => ({
    files: [`src/core/${"*/".repeat(depth - 1)}*.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^[^.]", message: "src/core is pure: no packages or Node modules." },
            { regex: `^(\\.\\./){${depth},}`, message: "src/core imports only from src/core." },
          ],
        },
      ],
    },
  })),
  // Layers import downwards only: core ← jobs ← report, io ← workbook, office, cli ← taskpane.
  {
    files: ["src/jobs/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ regex: "^\\.\\./(io|report|workbook|office|cli|mail)/", message: "jobs depend on core only." }, { group: ["exceljs", "papaparse", "node:*"], message: "jobs run in the browser and in Node alike." }] }] },
  },
  {
    files: ["src/report/**/*.ts", "src/io/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ regex: "^\\.\\./(workbook|office|cli)/", message: "writers and readers sit below the adapters." }] }] },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);

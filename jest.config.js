/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/test/e2e/"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest"] },
  moduleNameMapper: {
    // office-addin-mock pulls ESM-only modules through office-addin-manifest; it needs none of them.
    "^office-addin-manifest$": "<rootDir>/test/shims/office-addin-manifest.js",
  },
  testTimeout: 60000,
};

// Flat config: typescript-eslint's recommended type-aware rules for the server, tests and the tab.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules",
      "dist",
      "core/dist",
      ".data",
      "coverage",
      "appPackage/build",
      "tab/dist",
      ".deploy",
      "build",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["tab/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Only the Teams edge may import botbuilder, only the tab's auth module signs in through teams-js:
    // moving to the Teams SDK later then touches those folders alone.
    files: ["bot/src/**/*.ts"],
    ignores: ["bot/src/teams/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["botbuilder*", "botframework-*"], message: "botbuilder stays in bot/src/teams/" },
          ],
        },
      ],
    },
  },
  {
    files: ["tab/src/**/*.{ts,tsx}"],
    ignores: ["tab/src/auth/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@microsoft/teams-js",
              importNames: ["authentication"],
              message: "sign-in stays in tab/src/auth/",
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is plain TypeScript: no Teams, HTTP or storage.
    files: ["core/src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "botbuilder*",
                "restify*",
                "@azure/*",
                "node:http",
                "node:fs",
                "../storage/*",
                "../api/*",
                "../teams/*",
              ],
              message: "domain stays pure",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**/*.ts", "bench/**/*.ts", "tests/**/*.ts"],
    rules: { "no-console": "off" },
  },
);

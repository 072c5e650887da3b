// Builds the Excel add-in the way OfficeDev/Excel-Custom-Functions-Shared does: one shared
// runtime page (taskpane.html) carrying the task pane and the custom functions bundles,
// functions.json generated from the JSDoc in functions/functions.ts, manifest and icons copied
// to dist/. The command line is built separately by tsc (tsconfig.build.json).
const fs = require("node:fs");
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { LocalizedMetadataPlugin } = require("./functions/localizeMetadata");

const DEV_URL = "https://localhost:3000/";
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

/**
 * https options from office-addin-dev-certs when its certificates are already installed and
 * valid; null otherwise. We never install them from here: that needs sudo/a trust prompt, and
 * `npm run dev-server` must also start on a machine (CI, a container) without them.
 */
function devCertificates() {
  try {
    const devCerts = require("office-addin-dev-certs");
    if (!devCerts.verifyCertificates()) return null;
    const home = require("node:os").homedir();
    const dir = path.join(home, ".office-addin-dev-certs");
    return {
      ca: fs.readFileSync(path.join(dir, "ca.crt")),
      cert: fs.readFileSync(path.join(dir, "localhost.crt")),
      key: fs.readFileSync(path.join(dir, "localhost.key")),
    };
  } catch {
    return null;
  }
}

function devServer() {
  const https = devCertificates();
  if (!https) {
    console.warn(
      "[cartera] No trusted office-addin-dev-certs certificates: serving over http://localhost:" + PORT + ".\n" +
        "          Office loads add-ins only over https; run `npx office-addin-dev-certs install` and restart.",
    );
  }
  return {
    headers: { "Access-Control-Allow-Origin": "*" },
    server: https ? { type: "https", options: https } : { type: "http" },
    host: "localhost",
    port: PORT,
    hot: false,
    liveReload: false,
    client: false,
    static: false,
  };
}

module.exports = (env, options) => {
  const dev = options.mode === "development";
  // A production build can be pointed at its real host; without it, it keeps localhost so the
  // built dist/ can still be sideloaded with `npm start`.
  const prodUrl = process.env.CARTERA_ADDIN_URL ? process.env.CARTERA_ADDIN_URL.replace(/\/?$/, "/") : DEV_URL;
  const serving = Boolean(env && env.WEBPACK_SERVE);
  return {
    devtool: "source-map",
    entry: {
      taskpane: "./taskpane/taskpane.ts",
      // Sign-in's page: MSAL's redirect bridge, and the Office dialog where Office has no NAA.
      "taskpane-auth": "./taskpane/authPage.ts",
      functions: ["./functions/standalone.ts", "./functions/functions.ts"],
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Chunks the pane loads on demand (exceljs for standalone mode) carry the taskpane prefix,
      // so `clean.keep` below treats them as webpack's and stale ones get removed.
      chunkFilename: "taskpane-[name].js",
      // dist/ also holds the command line (tsc); only wipe what webpack owns.
      clean: { keep: (asset) => !/^(taskpane|functions)[.\w-]*\.(js|json|html|map|txt)$|^manifest\.xml$|^assets\//.test(asset) },
    },
    target: ["web", "es2020"],
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        // The e-mail templates (templates/*.hbs) are bundled as text for the mail panels.
        { test: /\.hbs$/, type: "asset/source" },
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              // `npm test` type-checks the whole tree; the bundle build only transpiles.
              transpileOnly: true,
              compilerOptions: { module: "es2020", target: "es2020", sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./functions/functions.ts",
      }),
      // Spanish names and descriptions; manifest.xml serves this file to es-MX and es-ES.
      new LocalizedMetadataPlugin({
        source: "functions.json",
        output: "functions.es.json",
        table: path.resolve(__dirname, "functions/translations.es.json"),
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./taskpane/taskpane.html",
        // The shared runtime: the pane and the functions live in this one page.
        chunks: ["taskpane", "functions"],
        inject: "body",
        scriptLoading: "blocking",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane-auth.html",
        template: "./taskpane/authPage.html",
        chunks: ["taskpane-auth"],
        inject: "body",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              return dev ? content : content.toString().split(DEV_URL).join(prodUrl);
            },
          },
        ],
      }),
    ],
    // Hot reload would re-run the functions bundle and re-register functions mid-session.
    devServer: serving ? devServer() : undefined,
    performance: { hints: false },
  };
};

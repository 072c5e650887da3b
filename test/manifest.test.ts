/**
 * The add-in manifest validates offline against Microsoft's published XSDs (patched copies in
 * schemas/office-manifest): `office-addin-manifest validate` needs an online service.
 */
import fs from "node:fs";
import path from "node:path";
import { validateXML, type XMLValidationResult } from "xmllint-wasm";

const ROOT = path.resolve(__dirname, "..");
const SCHEMA_DIR = path.resolve(__dirname, "../schemas/office-manifest");
const MAIN_XSD = "OfficeAppManifestV1_1.xsd";
const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

function schemaFiles(): { fileName: string; contents: string }[] {
  return fs
    .readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith(".xsd"))
    .map((f) => ({ fileName: f, contents: fs.readFileSync(path.join(SCHEMA_DIR, f), "utf8") }));
}

async function validate(xml: string): Promise<XMLValidationResult> {
  const files = schemaFiles();
  const main = files.find((f) => f.fileName === MAIN_XSD)!;
  return validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [main],
    // The main XSD imports the others by file name; xmllint-wasm reads them from memory.
    preload: files.filter((f) => f !== main),
  });
}

describe("manifest.xml", () => {
  it("is valid against OfficeAppManifestV1_1.xsd", async () => {
    const result = await validate(manifest);
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("fails validation when broken (so the check above can fail)", async () => {
    // Permissions has a fixed vocabulary; the Runtime lifetime only short|long.
    const broken = manifest.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>");
    const result = await validate(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => /Permissions/.test(e.message))).toBe(true);

    const badRuntime = await validate(manifest.replace('lifetime="long"', 'lifetime="forever"'));
    expect(badRuntime.valid).toBe(false);

    const misplaced = await validate(manifest.replace("<Runtimes>", "<Runtimes><Bogus/>"));
    expect(misplaced.valid).toBe(false);
  });

  it("declares what the add-in needs: shared runtime, CARTERA namespace, Home tab button, Spanish overrides", () => {
    expect(manifest).toMatch(/<Set Name="SharedRuntime" MinVersion="1\.1"\s*\/>/);
    expect(manifest).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\s*\/>/);
    expect(manifest).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="CARTERA"\s*\/>/);
    expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
    expect(manifest).toMatch(/<bt:Override Locale="es-MX" Value="https:\/\/localhost:3000\/functions\.es\.json"\s*\/>/);
    // Every icon the manifest names exists in assets/.
    for (const m of manifest.matchAll(/assets\/(icon-\d+\.png)/g)) {
      expect(fs.existsSync(path.join(ROOT, "assets", m[1]))).toBe(true);
    }
  });
});

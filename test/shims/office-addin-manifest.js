// Stand-in for office-addin-manifest under jest: office-addin-mock imports it only for
// usage-data plumbing, and the real module pulls ESM-only dependencies jest cannot load.
module.exports = {
  OfficeApp: { Excel: "excel", Word: "word", Outlook: "outlook", PowerPoint: "powerpoint", OneNote: "onenote", Project: "project" },
  OfficeAddinManifest: { readManifestFile: async () => ({}) },
};

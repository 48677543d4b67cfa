// Runs Electronegativity through its own API and prints its findings as JSON.
// Its CLI writes the CSV header and the rows with two unsynchronised writes, so
// on a busy machine the header can overwrite the first rows (seen on CI):
// reading the returned findings avoids the file altogether.
// Usage: node --require tests/security/offline.cjs tests/security/electronegativity-scan.cjs <dir> <out.json>
// (a file, not stdout: the tool prints its own notes there)
const fs = require('node:fs'); // eslint-disable-line @typescript-eslint/no-require-imports -- plain node script
// eslint-disable-next-line @typescript-eslint/no-require-imports -- run by plain node, outside the TypeScript build
const run = require('@doyensec/electronegativity/dist/runner.js');

run({ input: process.argv[2], excludeFromScan: ['availablesecurityfixesglobalcheck'], isRelative: true }, false)
  .then(({ issues, errors }) => {
    const findings = issues.map((i) => ({
      issue: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      filename: i.file,
      location: `${i.location.line}:${i.location.column}`,
      sample: i.sample ?? 'N/A',
    }));
    fs.writeFileSync(process.argv[3], JSON.stringify({ findings, errors: errors.map((e) => `${e.file}: ${e.message ?? e.error ?? ''}`) }));
  })
  .catch((error) => {
    process.stderr.write(String(error && error.stack));
    process.exit(1);
  });

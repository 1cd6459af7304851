// Checks a report as Chromium rendered it (its --dump-dom output) against the
// JSON report of the same draft and its coverage matrix:
//   node html_check.js REPORT.json MATRIX.json DOM.html
// Every finding is in the list of findings, with its message, in order, and has
// its anchor in the text; the matrix has one row per aspect; every in-page link
// has a target. Exits 1 with the reasons otherwise.
"use strict";
const fs = require("fs");
const [jsonPath, matrixPath, domPath] = process.argv.slice(2);
const report = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
const matrix = JSON.parse(fs.readFileSync(matrixPath, "utf8"));
const dom = fs.readFileSync(domPath, "utf8");
const problems = [];

// Text as the DOM serialiser writes it: &, < and > escaped, quotes left alone.
const asText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const diagnostics = report.files[0].diagnostics;
const rows = [...dom.matchAll(/<tr class="diag">([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
if (rows.length !== diagnostics.length) problems.push(`${rows.length} findings in the page, ${diagnostics.length} in the JSON report`);
diagnostics.forEach((d, i) => {
  const row = rows[i] || "";
  const message = /<td class="message">([\s\S]*?)<\/td>/.exec(row);
  if (!message || message[1] !== asText(d.message)) problems.push(`finding ${i + 1}: message ${message && message[1]} is not ${d.message}`);
  if (!row.includes(`<td class="rule">${d.rule}</td>`)) problems.push(`finding ${i + 1}: rule ${d.rule} missing`);
  if (!dom.includes(`id="d${i + 1}"`)) problems.push(`finding ${i + 1}: no anchor in the text`);
  if (!dom.includes(`(${d.start.line}`) && !dom.includes(`第 ${d.start.line} `)) problems.push(`finding ${i + 1}: line ${d.start.line} not shown`);
});

const table = /<table class="matrix">([\s\S]*?)<\/table>/.exec(dom);
if (!table) {
  problems.push("no coverage matrix");
} else {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[1]);
  const matrixRows = body ? (body[1].match(/<tr>/g) || []).length : 0;
  if (matrixRows !== matrix.dimensions.length) problems.push(`${matrixRows} matrix rows, ${matrix.dimensions.length} aspects`);
  const missing = matrix.dimensions.reduce((n, d) => n + (d.problems.length === 0) + (d.causes !== null && d.causes.length === 0) + (d.measures.length === 0), 0);
  const marked = (table[1].match(/<td class="missing">/g) || []).length;
  if (marked !== missing) problems.push(`${marked} empty cells marked, ${missing} empty in the matrix`);
}

const ids = new Set([...dom.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
for (const m of dom.matchAll(/ href="#([^"]+)"/g)) {
  if (!ids.has(m[1])) problems.push(`link to #${m[1]} has no target`);
}
if (/<script|<link|@import|url\(|https?:\/\//i.test(dom.replace(/<footer>[\s\S]*<\/footer>/, ""))) problems.push("the page refers to something outside itself");

if (problems.length > 0) {
  console.error(`${domPath}:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`${domPath}: ${diagnostics.length} findings, ${matrix.dimensions.length} matrix rows, ${ids.size} anchors: ok`);

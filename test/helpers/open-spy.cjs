// Preloaded with `node --require`: appends every path the process opens to $DG_OPEN_LOG, so that a
// test can prove a file was never opened (not merely that its content did not show).
const fs = require('node:fs');
const log = process.env.DG_OPEN_LOG;
const seen = [];
const note = (p) => {
  if (typeof p === 'string' || p instanceof URL || Buffer.isBuffer(p)) seen.push(String(p));
};
for (const name of ['openSync', 'readFileSync', 'createReadStream', 'open']) {
  const original = fs[name];
  fs[name] = function (p, ...rest) {
    note(p);
    return original.call(this, p, ...rest);
  };
}
const promisesOpen = fs.promises.open;
fs.promises.open = function (p, ...rest) {
  note(p);
  return promisesOpen.call(this, p, ...rest);
};
process.on('exit', () => {
  if (log) fs.appendFileSync(log, seen.map((p) => p + '\n').join(''));
});

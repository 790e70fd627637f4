// Reads a JSON array of strings on stdin and prints, as JSON, each string's GPT-2 token ids computed by the
// gpt-3-encoder package (an implementation independent of MPO's tokenizer).
const { encode } = require('gpt-3-encoder');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const texts = JSON.parse(input);
  process.stdout.write(JSON.stringify(texts.map((t) => encode(t))));
});

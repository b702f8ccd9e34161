/**
 * Tab-separated files as data sets write them (CheckThat!, pandas `to_csv(sep='\t')`): a tab ends
 * a field, a line break a row; a field that starts with a quote runs to its closing quote and may
 * hold tabs and line breaks, with a quote inside written twice. A quote anywhere else is text.
 * (The reference importer's TSV reader in shared/references treats every quote as text, which
 * splits the CheckThat! claims that hold a line break, so the matcher reads these files itself.)
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i <= n) {
    let field: string;
    if (text[i] === '"') {
      // Quoted: up to a quote that is not doubled.
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close === -1) {
          value += text.slice(j);
          j = n;
          break;
        }
        value += text.slice(j, close);
        if (text[close + 1] === '"') {
          value += '"';
          j = close + 2;
        } else {
          j = close + 1;
          break;
        }
      }
      // Anything after the closing quote up to the field's end is kept as text.
      const end = fieldEnd(text, j);
      field = value + text.slice(j, end);
      i = end;
    } else {
      const end = fieldEnd(text, i);
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (i >= n) {
      if (row.length > 1 || row[0] !== '') rows.push(row);
      break;
    }
    if (text[i] === '\t') {
      i++;
      continue;
    }
    // A line break: \r\n, \n or \r.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    if (i === n) break;
  }
  return rows;
}

function fieldEnd(text: string, from: number): number {
  for (let k = from; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 9 || c === 10 || c === 13) return k;
  }
  return text.length;
}

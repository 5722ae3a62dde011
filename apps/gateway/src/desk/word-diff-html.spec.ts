import { wordDiffHtml } from './word-diff-html';

describe('the body diff as HTML', () => {
  it('marks added and removed words and escapes every word', () => {
    expect(wordDiffHtml([{ value: 'Rabu ' }, { value: 'Kamis', removed: true }, { value: '<b>Jumat</b>', added: true }])).toBe(
      'Rabu <del>Kamis</del><ins>&lt;b&gt;Jumat&lt;/b&gt;</ins>',
    );
  });
});

import { RememberedCorrections } from './remembered-corrections';

describe('remembered typo corrections', () => {
  it('gives back what was found, none included, until it expires', () => {
    let now = 1_000;
    const remembered = new RememberedCorrections(10, 60_000, () => now);
    remembered.set('pertahnan', ['pertahanan']);
    remembered.set('pertahanan', []);
    expect(remembered.get('pertahnan')).toEqual(['pertahanan']);
    expect(remembered.get('pertahanan')).toEqual([]);
    expect(remembered.get('parlemn')).toBeUndefined();
    now += 60_000;
    expect(remembered.get('pertahnan')).toBeUndefined();
  });

  it('forgets the least recently asked first', () => {
    const remembered = new RememberedCorrections(2);
    remembered.set('satu', []);
    remembered.set('duaa', []);
    remembered.get('satu');
    remembered.set('tigaa', []);
    expect(remembered.get('duaa')).toBeUndefined();
    expect(remembered.get('satu')).toEqual([]);
    expect(remembered.get('tigaa')).toEqual([]);
  });
});

import { correctionFields, correctionValues } from './correction-form';

describe('the correction form', () => {
  it('fills from the current version and sends back what the editor left unchanged as it was', () => {
    const article = { version: 7, headline: 'Pakta Berlaku', lead: null, body: '<p>Satu.</p>\n<p>Dua.</p>' };
    const form = correctionValues(article);
    expect(form).toEqual({ version: '7', note: '', headline: 'Pakta Berlaku', lead: '', body: '<p>Satu.</p>\n<p>Dua.</p>' });
    // the browser posts the textarea with CRLF line breaks
    const posted = { ...form, note: ' Hari keliru. ', body: form.body!.replace(/\n/g, '\r\n') };
    expect(correctionFields(posted)).toEqual({ version: 7, note: 'Hari keliru.', headline: 'Pakta Berlaku', lead: null, body: article.body });
  });

  it('leaves a missing version and a blank note for the API to refuse', () => {
    expect(correctionFields({ note: '  ' })).toMatchObject({ version: NaN, note: '' });
  });
});

import { checkboxes, checkedValues, deskError } from './admin-forms';

describe('the admin forms', () => {
  it('reads a checkbox group however many boxes were ticked', () => {
    expect(checkedValues(undefined)).toEqual([]);
    expect(checkedValues('editor')).toEqual(['editor']);
    expect(checkedValues(['editor', 'admin'])).toEqual(['editor', 'admin']);
    expect(checkboxes(['reporter', 'editor'], { reporter: 'Reporter' }, ['editor'])).toEqual([
      { value: 'reporter', label: 'Reporter', checked: false },
      { value: 'editor', label: 'editor', checked: true },
    ]);
  });

  it('says in Indonesian why the API refused a form', () => {
    expect(deskError({ status: 409, body: { statusCode: 409, message: 'a user with email x exists', code: 'USER.EMAIL_TAKEN' } })).toBe('Email ini sudah dipakai akun lain.');
    expect(
      deskError({
        status: 400,
        body: { message: ['email must be an email', 'roles must contain at least 1 elements', 'each value in roles must be one of the following values: reporter', 'password must be longer than or equal to 8 characters'] },
      }),
    ).toBe('Email tidak valid. Pilih minimal satu peran. Kata sandi minimal 8 karakter.');
    expect(deskError({ status: 400, body: { message: 'slug must be lower-case words joined by hyphens' } })).toMatch(/^Slug hanya boleh/);
  });

  it('passes on what it has no words for', () => {
    expect(deskError({ status: 400, body: { message: ['property foo should not exist'] } })).toBe('Isian tidak valid: property foo should not exist');
    expect(deskError({ status: 503, body: { message: 'down' } })).toBe('Gagal: down');
  });
});

import { loginError } from './login-error';

describe('the login page\'s error message', () => {
  it('speaks Indonesian for wrong credentials and for the rate limit', () => {
    expect(loginError({ status: 401, body: { message: 'Invalid credentials' } })).toBe('Email atau kata sandi salah.');
    expect(loginError({ status: 429, body: { message: 'ThrottlerException: Too Many Requests' } })).toBe('Terlalu banyak percobaan masuk. Tunggu sebentar, lalu coba lagi.');
    expect(loginError({ status: 503, body: { message: 'down' } })).toBe('down');
  });
});

describe('the login page for a deactivated account', () => {
  it('says the account is deactivated, not that the password is wrong', () => {
    expect(loginError({ status: 401, body: { code: 'AUTH.ACCOUNT_DEACTIVATED', message: 'this account has been deactivated' } })).toBe('Akun ini sudah dinonaktifkan. Hubungi admin redaksi.');
  });
});

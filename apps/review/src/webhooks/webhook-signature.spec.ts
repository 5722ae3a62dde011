import { webhookSignature } from './webhook-signature';

describe('webhookSignature', () => {
  it('matches the published HMAC-SHA256 test vector (RFC 4231, test case 2)', () => {
    expect(webhookSignature('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('hashes non-ASCII text as its UTF-8 bytes (checked against openssl dgst -sha256 -hmac)', () => {
    expect(webhookSignature('rahasia-yang-panjang', '{"headline":"Pakta Korut–Rusia"}')).toBe(
      'sha256=99589118262b5c18be7f86dce49ccbfd39c2ac1ec28208a79b540ad2d6926623',
    );
  });

  it('depends on the secret', () => {
    expect(webhookSignature('secret-one-16chars', '{}')).not.toBe(webhookSignature('secret-two-16chars', '{}'));
  });
});

import { EgressAllowList } from './egress-allow-list';
import { checkEgressTarget, Resolver } from './egress-target';

/** A resolver from a table: the unit tests need no DNS. */
const dns = (table: Record<string, string[]>): Resolver => async (hostname) => {
  if (!(hostname in table)) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return table[hostname];
};
const noDns = dns({});
const verdict = (url: string, allow = EgressAllowList.NONE, resolve = noDns) => checkEgressTarget(url, allow, resolve);

describe('checkEgressTarget', () => {
  const internal = [
    // loopback, in every spelling the WHATWG URL parser turns into 127.0.0.1
    'http://127.0.0.1:6379/',
    'http://127.0.0.1./',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://127.0.1/',
    'http://0x7f.1/',
    'http://127.255.255.254/',
    // IPv6 loopback, unspecified, and IPv4 loopback inside IPv6
    'http://[::1]/',
    'http://[0:0:0:0:0:0:0:1]:5432/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::7f00:1]/',
    'http://[::ffff:0:7f00:1]/',
    'http://[64:ff9b::127.0.0.1]/',
    'http://[64:ff9b::10.0.0.1]/',
    'http://[64:ff9b:1::1]/',
    'http://[2002:7f00:1::1]/',
    'http://[2002:c0a8:101::1]/',
    'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/',
    // other internal IPv6
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://[ff02::1]/',
    'http://[2001:db8::1]/',
    // private, link-local (the cloud metadata service), CGNAT, multicast, broadcast, unspecified, reserved
    'http://10.0.0.1/',
    'http://10.255.255.255/',
    'http://172.16.0.1/',
    'http://172.31.255.254/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://100.127.255.254/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://0.0.0.0/',
    'http://0/',
    'http://0.1.2.3/',
    'http://192.0.2.1/',
    'http://240.0.0.1/',
    'https://127.0.0.1/',
  ];
  it.each(internal)('refuses %s', async (url) => {
    expect(await verdict(url)).toMatchObject({ allowed: false, reason: 'internal' });
  });

  it.each(['http://8.8.8.8/', 'https://1.1.1.1:8443/hook', 'http://172.32.0.1/', 'http://100.128.0.1/', 'http://[2606:4700:4700::1111]/', 'http://[::ffff:8.8.8.8]/', 'http://[64:ff9b::8.8.8.8]/'])(
    'lets public %s through',
    async (url) => {
      expect(await verdict(url)).toEqual({ allowed: true });
    },
  );

  it.each(['ftp://8.8.8.8/', 'file:///etc/passwd', 'gopher://8.8.8.8:6379/_INFO', 'http://user:pass@8.8.8.8/', 'not a url', 'javascript:alert(1)'])('accepts only http(s) URLs: %s', async (url) => {
    expect(await verdict(url)).toMatchObject({ allowed: false, reason: 'unsupported_url' });
  });

  describe('host names', () => {
    const resolve = dns({
      'portal.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
      'localhost': ['127.0.0.1', '::1'],
      'intranet.example': ['10.1.2.3'],
      'metadata.example': ['169.254.169.254'],
      'mixed.example': ['93.184.216.34', '192.168.0.10'],
      'mapped.example': ['::ffff:127.0.0.1'],
      'empty.example': [],
    });

    it('passes a name whose every address is public', async () => {
      expect(await verdict('https://portal.example/hooks', EgressAllowList.NONE, resolve)).toEqual({ allowed: true });
    });

    it.each(['http://localhost:5432/', 'http://LOCALHOST:5432/', 'http://intranet.example/', 'http://metadata.example/', 'http://mixed.example/', 'http://mapped.example/'])(
      'refuses %s: one internal address is enough',
      async (url) => {
        expect(await verdict(url, EgressAllowList.NONE, resolve)).toMatchObject({ allowed: false, reason: 'internal' });
      },
    );

    it('refuses a name that does not resolve, saying so', async () => {
      for (const url of ['https://nowhere.example/', 'https://empty.example/']) {
        const result = await verdict(url, EgressAllowList.NONE, resolve);
        expect(result).toMatchObject({ allowed: false, reason: 'unresolvable', message: expect.stringContaining('does not resolve') });
      }
    });
  });

  describe('NEWSROOM_WEBHOOK_ALLOWED_HOSTS', () => {
    const resolve = dns({ 'localhost': ['127.0.0.1'], 'hooks.internal': ['10.1.2.3'], 'db.internal': ['10.9.9.9'] });

    it('allows a listed address in any spelling, and only that address', async () => {
      const allow = EgressAllowList.parse('127.0.0.1');
      for (const url of ['http://127.0.0.1:3000/', 'http://127.1/', 'http://0x7f000001/', 'http://[::ffff:127.0.0.1]/', 'http://localhost/']) {
        expect({ url, ...(await verdict(url, allow, resolve)) }).toEqual({ url, allowed: true });
      }
      for (const url of ['http://127.0.0.2/', 'http://[::1]/', 'http://10.0.0.1/']) {
        expect(await verdict(url, allow, resolve)).toMatchObject({ allowed: false, reason: 'internal' });
      }
    });

    it('allows a CIDR', async () => {
      const allow = EgressAllowList.parse(' 10.1.0.0/16 , fd00::/8');
      expect(await verdict('http://10.1.200.3/', allow)).toEqual({ allowed: true });
      expect(await verdict('http://hooks.internal/', allow, resolve)).toEqual({ allowed: true });
      expect(await verdict('http://[fd00::5]/', allow)).toEqual({ allowed: true });
      expect(await verdict('http://10.2.0.1/', allow)).toMatchObject({ allowed: false });
      expect(await verdict('http://db.internal/', allow, resolve)).toMatchObject({ allowed: false });
      expect(await verdict('http://[fc00::5]/', allow)).toMatchObject({ allowed: false });
    });

    it('allows a listed host name whatever it resolves to, even if this process cannot resolve it', async () => {
      const allow = EgressAllowList.parse('hooks.internal,Receiver.Local');
      expect(await verdict('http://hooks.internal:8080/x', allow, resolve)).toEqual({ allowed: true });
      expect(await verdict('http://receiver.local/', allow, noDns)).toEqual({ allowed: true });
      expect(await verdict('http://db.internal/', allow, resolve)).toMatchObject({ allowed: false });
      expect(await verdict('http://10.1.2.3/', allow, resolve)).toMatchObject({ allowed: false });
    });
  });
});

describe('EgressAllowList.parse', () => {
  it('reads an empty setting as nothing allowed', () => {
    expect(EgressAllowList.parse('')).toBe(EgressAllowList.NONE);
    expect(EgressAllowList.parse(' , ')).toBe(EgressAllowList.NONE);
  });

  it('names every bad entry', () => {
    expect(() => EgressAllowList.parse('127.0.0.1, 10.0.0.0/33, host name, a.example:8080,[::1')).toThrow(
      'not a host name, an address or a CIDR: "10.0.0.0/33", "host name", "a.example:8080", "[::1"',
    );
  });
});

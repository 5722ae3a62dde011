import { clusterRetryNote } from './cluster-redirects';

describe('clusterRetryNote', () => {
  it('names the slot and where its commands go for MOVED and ASK, one key per slot and node', () => {
    expect(clusterRetryNote('MOVED 3999 127.0.0.1:7002')).toEqual({
      key: 'MOVED 3999 127.0.0.1:7002',
      line: 'Redis Cluster: slot 3999 is now served by 127.0.0.1:7002 (MOVED); its commands are sent there again',
    });
    expect(clusterRetryNote('ASK 3999 127.0.0.1:7002')?.line).toMatch(/slot 3999 is being migrated to 127\.0\.0\.1:7002 \(ASK\)/);
    expect(clusterRetryNote('ASK 4000 127.0.0.1:7002')?.key).not.toBe(clusterRetryNote('ASK 3999 127.0.0.1:7002')?.key);
  });

  it('says a command is sent again after TRYAGAIN and CLUSTERDOWN', () => {
    expect(clusterRetryNote('TRYAGAIN Multiple keys request during rehashing of slot')?.line).toMatch(/TRYAGAIN.*sent again/);
    expect(clusterRetryNote('CLUSTERDOWN The cluster is down')?.line).toMatch(/CLUSTERDOWN.*sent again/);
  });

  it('has nothing to say about any other error', () => {
    expect(clusterRetryNote('CROSSSLOT Keys in request don\'t hash to the same slot')).toBeNull();
    expect(clusterRetryNote('ERR wrong number of arguments')).toBeNull();
  });
});

import { machineCpuSeconds } from './process-cpu';

describe('the machine\'s CPU time from /proc/stat', () => {
  it('counts idle and iowait as not busy, guest time once (it is inside user already)', () => {
    const stat = 'cpu  6000 100 2000 9000 500 0 400 0 300 0\ncpu0 3000 50 1000 4500 250 0 200 0 150 0\n';
    expect(machineCpuSeconds(stat)).toEqual({ busy: 85, total: 180 });
  });
});

import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { firstLanAddress, isLoopbackHost, roomAddress, type RoomAddressOptions } from './room-address.js';

const LAN = '192.168.1.23';
const options = (over: Partial<RoomAddressOptions> = {}): RoomAddressOptions => ({ publicUrl: undefined, bindHost: '0.0.0.0', lanAddress: () => LAN, ...over });

function nic(address: string, family: 'IPv4' | 'IPv6', internal: boolean): NetworkInterfaceInfo {
  return family === 'IPv4'
    ? { address, family, internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null }
    : { address, family, internal, netmask: 'ffff::', mac: '00:00:00:00:00:00', cidr: null, scopeid: 0 };
}

describe('room address', () => {
  it('recognises loopback names and addresses', () => {
    for (const h of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['192.168.1.23', 'journey.example.org', '10.0.0.1', 'localhost.example.org', '0.0.0.0']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('finds the first non-internal IPv4 address, skipping loopback, IPv6 and link-local', () => {
    expect(
      firstLanAddress({
        lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
        eth0: [nic('fe80::1', 'IPv6', false), nic('169.254.3.4', 'IPv4', false)],
        wlan0: [nic('fd00::5', 'IPv6', false), nic(LAN, 'IPv4', false)],
        docker0: [nic('172.17.0.1', 'IPv4', false)],
      }),
    ).toBe(LAN);
    expect(firstLanAddress({ lo: [nic('127.0.0.1', 'IPv4', true)] })).toBeUndefined();
    expect(firstLanAddress({})).toBeUndefined();
  });

  it('opened as localhost: the LAN address with the same port', () => {
    expect(roomAddress({ protocol: 'http', host: 'localhost:3000' }, options())).toEqual({ baseUrl: `http://${LAN}:3000` });
    expect(roomAddress({ protocol: 'http', host: '127.0.0.1:8080' }, options())).toEqual({ baseUrl: `http://${LAN}:8080` });
    expect(roomAddress({ protocol: 'http', host: '[::1]:3000' }, options())).toEqual({ baseUrl: `http://${LAN}:3000` });
    expect(roomAddress({ protocol: 'https', host: 'localhost' }, options())).toEqual({ baseUrl: `https://${LAN}` });
  });

  it('opened by another address: that address', () => {
    expect(roomAddress({ protocol: 'http', host: '192.168.1.50:3000' }, options())).toEqual({ baseUrl: 'http://192.168.1.50:3000' });
    expect(roomAddress({ protocol: 'http', host: 'laptop.local:3000' }, options())).toEqual({ baseUrl: 'http://laptop.local:3000' });
  });

  it('PUBLIC_URL wins, whatever the request', () => {
    const pub = options({ publicUrl: 'https://journey.example.org/room' });
    expect(roomAddress({ protocol: 'http', host: 'localhost:3000' }, pub)).toEqual({ baseUrl: 'https://journey.example.org/room' });
    expect(roomAddress({ protocol: 'http', host: '10.0.0.9:3000' }, { ...pub, bindHost: '127.0.0.1' })).toEqual({ baseUrl: 'https://journey.example.org/room' });
  });

  it('says why other devices cannot join', () => {
    expect(roomAddress({ protocol: 'http', host: 'localhost:3000' }, options({ bindHost: '127.0.0.1' })).problem).toMatch(/listens on 127\.0\.0\.1 only.*HOST=0\.0\.0\.0/);
    expect(roomAddress({ protocol: 'http', host: 'localhost:3000' }, options({ lanAddress: () => undefined }))).toEqual({
      baseUrl: 'http://localhost:3000',
      problem: expect.stringMatching(/no network address/),
    });
    expect(roomAddress({ protocol: 'http', host: 'localhost:3000' }, options({ publicUrl: 'http://localhost:3000' })).problem).toMatch(/PUBLIC_URL is http:\/\/localhost:3000/);
  });

  it('a missing Host header is treated as localhost', () => {
    expect(roomAddress({ protocol: 'http', host: undefined }, options())).toEqual({ baseUrl: `http://${LAN}` });
  });
});

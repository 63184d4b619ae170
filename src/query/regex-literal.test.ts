import { describe, expect, it } from 'vitest';
import { requiredLiteral } from './regex-literal';

describe('the literal a regex needs', () => {
  it.each([
    ['Relaying denied', 'Relaying denied'],
    ['^550 5\\.7\\.1 .*Relay', '550 5.7.1 '],
    ['user (taro|jiro) failed', ' failed'],
    ['taro|jiro', ''],
    ['colou?r', 'colo'],
    ['ab*cdef', 'cdef'],
    ['x{2,3}yz', 'yz'],
    ['[abc]+longer', 'longer'],
    ['\\d+ 通のメール', ' 通のメール'],
    ['(?i)relay', 'relay'],
    ['(a+)+$', ''],
    ['(optional)?tail', 'tail'],
  ])('%s needs %j', (pattern, literal) => {
    expect(requiredLiteral(pattern)).toBe(literal);
  });
});

// Pasting the ministry's list of program IDs fills every standard it names (#28 item 12).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readProgramIdList } from '../../shared/program-id-list';

test('a pasted list of program IDs pairs each standard it names with its ID, from a spreadsheet or typed text', () => {
  const fromExcel = 'Standard\tProgram ID\r\nWAH-E-I\tWAH-10083\r\nJHSC-2014-Refr-E-V\tJHSC-2014-Refr-10016\r\njhsc-2014-2-e-i\tJHSC-2014-2-10096\r\n';
  assert.deepEqual(readProgramIdList(fromExcel), {
    ids: { 'WAH-E-I': 'WAH-10083', 'JHSC-2014-Refr-E-V': 'JHSC-2014-Refr-10016', 'JHSC-2014-2-E-I': 'JHSC-2014-2-10096' },
    unread: ['Standard\tProgram ID'],
  });
  assert.deepEqual(readProgramIdList('WAH-10083: WAH-E-I\nWAH-F-I, WAH-10084; extra words\n\n').ids, { 'WAH-E-I': 'WAH-10083', 'WAH-F-I': 'WAH-10084' });
});

test('a line naming two standards, or no program ID, fills nothing and is reported back', () => {
  assert.deepEqual(readProgramIdList('WAH-E-I WAH-F-I WAH-10083\nWAH-E-B\nJust a note'), { ids: {}, unread: ['WAH-E-I WAH-F-I WAH-10083', 'WAH-E-B', 'Just a note'] });
  assert.deepEqual(readProgramIdList('WAH-10083'), { ids: {}, unread: ['WAH-10083'] }, 'one ID alone is typed into its box, not a list');
});

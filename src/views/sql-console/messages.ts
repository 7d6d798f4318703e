import { defineMessages, type MessageKey, type Translate } from '../shared/i18n/translate';
import type { SharedKey } from '../shared/messages';

/** Words of the SQL console. */
export const sqlConsoleMessages = defineMessages({
  zh: {
    'sql.title': 'SQL 查询（只读）',
    'sql.hint':
      '可查询表 cases（救助人次）、patrol_points（巡查轨迹点）、import_rejects（未导入行）。只允许 SELECT 等只读语句，最多返回 {limit} 行。',
    'sql.run': '运行',
    'sql.examples': '示例',
    'sql.rows': '{n} 行',
    'sql.error.empty': '请输入查询语句',
    'sql.error.multiple': '一次只能运行一条语句',
    'sql.error.notReadOnly': '只允许只读查询（SELECT、WITH、DESCRIBE、SUMMARIZE 等）',
    'sql.result': '查询结果',
  },
  en: {
    'sql.title': 'SQL console (read-only)',
    'sql.hint':
      'Tables: cases (episodes), patrol_points (patrol GPS points), import_rejects (rejected rows). Read-only statements only, at most {limit} rows.',
    'sql.run': 'Run',
    'sql.examples': 'Examples',
    'sql.rows': '{n} rows',
    'sql.error.empty': 'Type a query first',
    'sql.error.multiple': 'Run one statement at a time',
    'sql.error.notReadOnly': 'Only read-only queries are allowed (SELECT, WITH, DESCRIBE, SUMMARIZE …)',
    'sql.result': 'Result',
  },
});

/** The view's translator: its own words and the shared ones. */
export type SqlConsoleTranslate = Translate<MessageKey<typeof sqlConsoleMessages> | SharedKey>;

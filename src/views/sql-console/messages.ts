import { defineMessages, type MessageKey, type Translate } from '../shared/i18n/translate';
import type { SharedKey } from '../shared/messages';

/** Words of the SQL console. */
export const sqlConsoleMessages = defineMessages({
  zh: {
    'sql.filtersNote':
      '上方筛选条件不作用于表 cases（全部已导入记录）；要按当前时间段和筛选条件查询，请用 {table}（例如 SELECT count(*) FROM {table}）。',
    'sql.title': 'SQL 查询（只读）',
    'sql.hint':
      '可查询表 cases（救助人次）、patrol_points（巡查轨迹点，含路线折点）、patrol_logs（网格巡查记录）、import_rejects（未导入行）。一次一条只读查询（SELECT、WITH、FROM、DESCRIBE、SUMMARIZE 等），最多返回 {limit} 行；不能修改数据，也不能读取文件或网址。',
    'sql.run': '运行',
    'sql.cancel': '取消查询',
    'sql.examples': '示例',
    'sql.timeLimit': '时间上限',
    'sql.seconds': '{n} 秒',
    'sql.running': '正在运行… 已用 {elapsed} 秒，上限 {limit} 秒',
    'sql.queued': '等待导入或保存完成后运行…',
    'sql.rows': '{n} 行',
    'sql.error.empty': '请输入查询语句',
    'sql.error.unclosed': '引号、美元符号引用（$$）或注释没有闭合，请检查语句',
    'sql.error.multiple': '一次只能运行一条语句：请删去分号后的其他语句',
    'sql.error.notReadOnly':
      '只允许只读查询（SELECT、WITH、FROM、DESCRIBE、SUMMARIZE 等）；INSERT、DELETE、DROP、CREATE、COPY、ATTACH、INSTALL、LOAD、SET、PRAGMA 等语句不能运行',
    'sql.error.write': '该语句会修改数据，已被数据库拒绝：查询控制台只读',
    'sql.error.external':
      '不能读取文件或网址（http、https、s3 等）：查询控制台只能查询已导入的数据表，数据不会离开本页面',
    'sql.error.extension': '不能安装或加载数据库扩展',
    'sql.error.settings': '不能更改数据库设置',
    'sql.error.syntax': '语法错误，或不是一条只读查询：{detail}',
    'sql.error.cancelled': '查询已取消',
    'sql.error.timeout': '查询超过时间上限（{limit} 秒），已停止。可缩小查询范围，或调高时间上限',
    'sql.error.failed': '查询出错：{detail}',
    'sql.result': '查询结果',
  },
  en: {
    'sql.filtersNote':
      'The filter bar does not narrow the table cases (every loaded episode); to query under the current period and filters, use {table} (e.g. SELECT count(*) FROM {table}).',
    'sql.title': 'SQL console (read-only)',
    'sql.hint':
      'Tables: cases (episodes), patrol_points (patrol GPS points and route vertices), patrol_logs (patrol logs by grid cell), import_rejects (rejected rows). One read-only query at a time (SELECT, WITH, FROM, DESCRIBE, SUMMARIZE …), at most {limit} rows; it cannot change data or read files or URLs.',
    'sql.run': 'Run',
    'sql.cancel': 'Cancel query',
    'sql.examples': 'Examples',
    'sql.timeLimit': 'Time limit',
    'sql.seconds': '{n} s',
    'sql.running': 'Running… {elapsed} s of at most {limit} s',
    'sql.queued': 'Waiting for an import or save to finish…',
    'sql.rows': '{n} rows',
    'sql.error.empty': 'Type a query first',
    'sql.error.unclosed': 'A quote, dollar quote ($$) or comment is not closed',
    'sql.error.multiple': 'Run one statement at a time: remove what follows the semicolon',
    'sql.error.notReadOnly':
      'Only read-only queries are allowed (SELECT, WITH, FROM, DESCRIBE, SUMMARIZE …); INSERT, DELETE, DROP, CREATE, COPY, ATTACH, INSTALL, LOAD, SET, PRAGMA and the like cannot run',
    'sql.error.write': 'The database refused this statement because it would change data: the console is read-only',
    'sql.error.external':
      'Files and URLs (http, https, s3 …) cannot be read: the console queries the imported tables only, and no data leave this page',
    'sql.error.extension': 'Database extensions cannot be installed or loaded',
    'sql.error.settings': 'Database settings cannot be changed',
    'sql.error.syntax': 'Syntax error, or not a single read-only query: {detail}',
    'sql.error.cancelled': 'Query cancelled',
    'sql.error.timeout': 'The query passed the time limit ({limit} s) and was stopped. Narrow it, or raise the limit',
    'sql.error.failed': 'The query failed: {detail}',
    'sql.result': 'Result',
  },
});

/** The view's translator: its own words and the shared ones. */
export type SqlConsoleTranslate = Translate<MessageKey<typeof sqlConsoleMessages> | SharedKey>;

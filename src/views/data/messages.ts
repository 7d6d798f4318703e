import { defineMessages, mergeMessages, type MessageKey, type Translate } from '../shared/i18n/translate';
import type { SharedKey } from '../shared/messages';
import { importMessages } from '../import/messages';

/** Words of the Data view (数据管理). */
export const dataMessages = defineMessages({
  zh: {
    'data.import.title': '导入数据',
    'data.import.how':
      '点击“导入数据”选择文件，或把文件直接拖到页面任意位置。可一次导入多个文件；同一文件重复导入不会重复计数。',
    'data.import.formats':
      '支持 CSV/TSV（UTF-8、GBK、UTF-16）、Excel（.xlsx）、Parquet、JSON。坐标可为 WGS-84、GCJ-02（高德/腾讯）或 BD-09（百度）。',
    'data.privacy': '所有数据只在本机浏览器中处理和保存，不会上传。含姓名、身份证号、电话的文件会被拒绝。',
    'data.demo.load': '重新载入演示数据',
    'data.clear.button': '清空全部数据',
    'data.clear.confirm':
      '确定清空已导入的全部数据吗？浏览器中保存的数据库将整个删除，此操作不可撤销（原文件不受影响；已保存的列对应设置保留，其中不含任何记录内容）。',
    'data.loaded.title': '已载入的数据',
    'data.loaded.rows': '行数',
    'data.loaded.span': '时间范围',
    'data.reports.title': '导入报告',
  },
  en: {
    'data.import.title': 'Import data',
    'data.import.how':
      'Click “Import data” to pick files, or drop them anywhere on the page. Several files at once are fine; importing the same file twice does not double anything.',
    'data.import.formats':
      'CSV/TSV (UTF-8, GBK, UTF-16), Excel (.xlsx), Parquet, JSON. Coordinates in WGS-84, GCJ-02 (Amap/Tencent) or BD-09 (Baidu).',
    'data.privacy':
      'Data are processed and kept in this browser only, never uploaded. Files with names, ID numbers or phone numbers are refused.',
    'data.demo.load': 'Reload the demo data',
    'data.clear.button': 'Clear all data',
    'data.clear.confirm':
      'Clear all imported data? The database kept in this browser is deleted as a whole; this cannot be undone (your files are not touched; saved column mappings stay, they hold no record content).',
    'data.loaded.title': 'Loaded data',
    'data.loaded.rows': 'Rows',
    'data.loaded.span': 'Period',
    'data.reports.title': 'Import reports',
  },
});

/** The Data view shows the import reports too: its catalogue holds the import's words. */
export const dataViewMessages = mergeMessages(dataMessages, importMessages);

/** The view's translator: its own words and the shared ones. */
export type DataTranslate = Translate<MessageKey<typeof dataViewMessages> | SharedKey>;

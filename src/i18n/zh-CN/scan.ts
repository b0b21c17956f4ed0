import type { Strings } from '../catalog.js';
import type { ScanTermKey } from '../en/scan.js';

/** Simplified Chinese serial scan strings (the type makes a missing or extra key an error). */
export const strings: Strings<ScanTermKey> = {
  'scan.title': '扫描序列号',
  'scan.hint': '将后置摄像头对准设备或包装盒上的条形码或二维码。',
  'scan.preview': '摄像头预览',
  'scan.starting': '正在打开摄像头…',
  'scan.looking': '正在寻找条形码…',
  'scan.read': '从条形码读取：',
  'scan.imeiValid': 'IMEI，校验位正确。',
  'scan.imeiInvalid': '这看起来是 IMEI，但校验位不正确。请重新扫描或核对号码。',
  'scan.confirm': '使用此号码',
  'scan.retry': '重新扫描',
  'scan.cancel': '取消',
  'scan.saved': '序列号 {value} 已添加到设备卡片。',
  'scan.error.denied': '摄像头权限被阻止。请在浏览器的网站设置中允许访问，然后重试。',
  'scan.error.noDevice': '未找到摄像头。',
  'scan.error.blocked': '此页面不允许使用条形码读取器。请改为在消息中输入序列号。',
  'scan.error.unavailable': '无法加载条形码读取器。请检查网络连接后重试。',
  'scan.error.failed': '扫描已停止。请重试。',
};

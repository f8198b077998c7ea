/**
 * Terms injected into tampered government pages: gambling, pornography, fraud and illegal services.
 * Chosen from the promotional wording of spam, not from words a report legitimately uses when it
 * writes about fighting these crimes (赌博, 色情, 诈骗 alone are not here). Simplified characters;
 * traditional, full-width and spaced-out variants are matched by folding the text (normalize.ts).
 * A site that really needs one of them lists it under `lint.allowTerms` in site.yaml.
 */
export type TermCategory = 'gambling' | 'pornography' | 'fraud' | 'illegal-service';

export const CATEGORY_NAMES: Record<TermCategory | 'site', string> = {
  gambling: '赌博',
  pornography: '色情',
  fraud: '诈骗',
  'illegal-service': '违法服务',
  site: '本网站设定的违规',
};

const gambling = [
  '娱乐老虎机', '老虎机', '百家乐', '博彩', '网上博彩', '菠菜网', '真人娱乐', '真人视讯', '电子游艺', '在线赌场', '网上赌场',
  '网络赌场', '赌场官网', '赌场开户', '澳门赌场', '澳门新葡京', '新葡京', '葡京娱乐', '太阳城娱乐', '太阳城集团', '金沙娱乐',
  '威尼斯人娱乐', '澳门威尼斯人', '银河娱乐', '永利娱乐', '美高梅娱乐', '皇冠体育', '皇冠娱乐', '皇冠网址', '体育投注', '足球投注',
  '网上赌球', '赌球网', '香港六合彩', '六合彩开奖', '六合彩资料', '重庆时时彩', '时时彩平台', '北京赛车pk10', '幸运飞艇', '大发快三',
  '彩票网投', '网投平台', '开户送彩金', '注册送彩金', '首存送', '棋牌赢钱', '赢钱棋牌', '开元棋牌', '炸金花', '斗牛棋牌', '亚博体育',
  '必威体育', '乐鱼体育', '开云体育', '九游会', '华体会', '雷竞技', 'ag真人', 'ag娱乐', '电子老虎机', '捕鱼赢钱',
  // pinyin and English spellings used in spam text and domains
  'yulelaohuji', 'laohuji', 'baijiale', 'bocai', 'liuhecai', 'shishicai', 'xinpujing', 'taiyangcheng', 'weinisiren',
  'huangguantiyu', 'casino', 'baccarat', 'bet365', '188bet', '12bet', 'sbobet', 'hg0088', 'jiuyouhui', 'kaiyuntiyu', 'pk10',
];

const pornography = [
  '裸聊', '约炮', '一夜情', '援交', '包养', '同城约会', '楼凤', '外围女', '小姐上门', '成人影片', '成人视频', '成人电影',
  '成人网站', '激情视频', '激情电影', '午夜福利', '福利视频', '无码视频', '无码高清', 'av女优', '日本av', 'av在线', '三级片',
  '黄色视频', '黄片', '色情视频', '色情电影', '自拍偷拍', '美女荷官', '乱伦',
  'luoliao', 'yuepao', 'yiyeqing', 'porn', 'pornhub', 'hentai', 'jav',
];

const fraud = [
  '兼职刷单', '刷单兼职', '刷单赚钱', '日赚千元', '日入过万', '高额返利', '稳赚不赔', '无抵押贷款', '黑户贷款', '黑户下款',
  '秒批贷款', '网贷秒下', '信用卡套现', '大额信用卡代办', '高价收购银行卡', '跑分平台', '跑分赚钱', '彩票内幕',
  'shuadan',
];

const illegalService = [
  '办证刻章', '刻章办证', '办假证', '假证件', '假文凭', '假学历', '代办学历', '出售发票', '发票出售', '出售枪支', '枪支出售',
  '仿真枪出售', '气枪出售', '猎枪出售', '手枪出售', '出售迷药', '迷药出售', '迷情药', '听话水', '催情水', '乖乖水', '代孕',
  '卖肾', '私家侦探', '私人侦探', '黑客接单', '黑客服务', '开房记录查询', '查开房记录', '手机定位追踪', '出售个人信息',
  '出售冰毒', '冰毒出售', '海洛因出售',
];

export const INJECTED_TERMS: readonly { term: string; category: TermCategory }[] = [
  ...gambling.map((term) => ({ term, category: 'gambling' as const })),
  ...pornography.map((term) => ({ term, category: 'pornography' as const })),
  ...fraud.map((term) => ({ term, category: 'fraud' as const })),
  ...illegalService.map((term) => ({ term, category: 'illegal-service' as const })),
];

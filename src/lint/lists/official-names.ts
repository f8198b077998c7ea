/**
 * Miswritten names of the state, its organs and leaders: national website inspections fail a site
 * for them outright ("严重表述错误"). Wrong form → correct form; sites add their own in site.yaml.
 */
export const OFFICIAL_NAME_ERRORS: readonly { wrong: string; right: string }[] = [
  { wrong: '中华人民共合国', right: '中华人民共和国' },
  { wrong: '中华人民公和国', right: '中华人民共和国' },
  { wrong: '中华人民共和过', right: '中华人民共和国' },
  { wrong: '中华人名共和国', right: '中华人民共和国' },
  { wrong: '中化人民共和国', right: '中华人民共和国' },
  { wrong: '中华民共和国', right: '中华人民共和国' },
  { wrong: '中华人民和国', right: '中华人民共和国' },
  { wrong: '中国共产档', right: '中国共产党' },
  { wrong: '中国共产当', right: '中国共产党' },
  { wrong: '中国共惨党', right: '中国共产党' },
  { wrong: '中国特色社会注意', right: '中国特色社会主义' },
  { wrong: '中国特色社会主意', right: '中国特色社会主义' },
  { wrong: '社会主意核心价值观', right: '社会主义核心价值观' },
  { wrong: '全国人民代表大回', right: '全国人民代表大会' },
  { wrong: '人民代表大回', right: '人民代表大会' },
  { wrong: '全国人大长委会', right: '全国人大常委会' },
  { wrong: '人大长委会', right: '人大常委会' },
  { wrong: '政治协商会意', right: '政治协商会议' },
  { wrong: '国物院', right: '国务院' },
  { wrong: '人民正府', right: '人民政府' },
  { wrong: '人民政付', right: '人民政府' },
  { wrong: '人名政府', right: '人民政府' },
  { wrong: '人民检查院', right: '人民检察院' },
  { wrong: '纪律检察委员会', right: '纪律检查委员会' },
  { wrong: '习进平', right: '习近平' },
  { wrong: '习近乎', right: '习近平' },
  { wrong: '习近苹', right: '习近平' },
  { wrong: '新时代中国特色社会主意', right: '新时代中国特色社会主义' },
];

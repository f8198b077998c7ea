/** OpenCC's dictionaries as opencc-js ships them: "source replacement|source replacement|…". */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}

/**
 * The line-breaking rules of Chinese text (禁则, GB/T 15834 practice): marks that may not begin a
 * line, and marks that may not end one. conform checks printed lines against them; the DOCX
 * predicts its line breaks with them.
 */
export const NO_START_MARKS = '，。、；：？！）》」』〕】〉”’…—·%‰℃,.;:?!)]}';
export const NO_END_MARKS = '（《「『〔【〈“‘([{';

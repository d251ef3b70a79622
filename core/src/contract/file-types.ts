// The content type of each file format the API takes or gives, declared once: the route declarations
// name them, the server sends them, the upload check reads them.
export const FILE_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  json: "application/json",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
} as const;

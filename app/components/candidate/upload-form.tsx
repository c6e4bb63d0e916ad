import { Form, useNavigation } from "@remix-run/react";
import { useRef, useState } from "react";

/**
 * A plain multipart form (works without JavaScript); with JavaScript the drop zone also accepts
 * a dragged file by putting it into the same file input.
 */
export function UploadForm({ maxMegabytes, error }: { maxMegabytes: number; error?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  return (
    <Form method="post" encType="multipart/form-data" className="card" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload your solution</h2>
      {error ? (
        <p className="form-error" role="alert" id="archive-error">
          {error}
        </p>
      ) : null}
      <div
        className={`dropzone${dragging ? " active" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const files = event.dataTransfer.files;
          if (input.current && files.length > 0) {
            input.current.files = files;
            setChosen(files[0].name);
          }
        }}
      >
        <label htmlFor="archive">Archive (.zip, .tar.gz or .tgz, at most {maxMegabytes} MB)</label>
        <input
          ref={input}
          id="archive"
          name="archive"
          type="file"
          accept=".zip,.tar.gz,.tgz,application/zip,application/gzip"
          required
          aria-describedby={error ? "archive-error" : "archive-hint"}
          onChange={(event) => setChosen(event.currentTarget.files?.[0]?.name ?? null)}
        />
        <p className="muted" id="archive-hint">
          {chosen ? `Ready to upload ${chosen}.` : "Choose a file, or drop it here."} Leave out dependencies and build output.
        </p>
      </div>
      <p>
        <button type="submit" disabled={uploading}>
          {uploading ? "Uploading…" : "Upload and grade"}
        </button>
      </p>
    </Form>
  );
}

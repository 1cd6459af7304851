;;; emacs_e2e.el --- checklint lsp through Emacs's eglot  -*- lexical-binding: t -*-
;; Driven by emacs_e2e.sh. Debian bookworm: Emacs 28.2 and elpa-eglot 1.9. Uses what a user
;; gets from M-x eglot: the server from `eglot-server-programs', diagnostics through flymake,
;; code actions as `eglot-code-actions' returns them, applied the way eglot applies them, and
;; the outline through imenu.
(require 'package)
;; -Q skips Debian's start-up files, which put the elpa-* packages on package-directory-list.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'imenu)

(defvar e2e-bin (getenv "CHECKLINT_BIN"))
(defvar e2e-work (file-name-as-directory (getenv "CHECKLINT_WORK")))

(defun e2e-fail (format-string &rest args)
  (princ (concat "emacs e2e: FAIL: " (apply #'format format-string args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(defun e2e-wait (predicate what)
  "Reads the server's output until PREDICATE holds, for at most 20 s. Batch Emacs never goes
idle, so what eglot and flymake do from idle timers is done here: send the pending
didChange, and let flymake collect the diagnostics that arrived."
  (let ((deadline (+ (float-time) 20)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (eglot--signal-textDocument/didChange)
      (accept-process-output nil 0.05)
      (flymake-start))
    (unless (funcall predicate) (e2e-fail "timed out waiting for %s" what))))

(defun e2e-diagnostics ()
  (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))

(defun e2e-text (diagnostic)
  (buffer-substring-no-properties (flymake-diagnostic-beg diagnostic) (flymake-diagnostic-end diagnostic)))

(defun e2e-line (n)
  (save-excursion (goto-char (point-min)) (forward-line n)
                  (buffer-substring-no-properties (line-beginning-position) (line-end-position))))

(defun e2e-action (line column title-part)
  "The first code action at LINE:COLUMN (0-based, COLUMN in characters) whose title contains TITLE-PART."
  (let ((pos (save-excursion (goto-char (point-min)) (forward-line line) (forward-char column) (point))))
    (or (cl-find-if (lambda (a) (string-search title-part (plist-get a :title)))
                    (eglot-code-actions pos pos "quickfix"))
        (e2e-fail "no code action containing %S at %d:%d" title-part line column))))

(setq eglot-server-programs `((text-mode . (,e2e-bin "lsp")))
      eglot-sync-connect t
      flymake-no-changes-timeout 0.1)

(find-file (concat e2e-work "draft.txt"))
(text-mode)
(apply #'eglot (eglot--guess-contact))
(unless (eglot-current-server) (e2e-fail "eglot did not connect"))
(flymake-start)

;; Two findings; the range of the first is exactly 三是 behind two astral characters (UTF-16 on the wire).
(e2e-wait (lambda () (= (length (flymake-diagnostics)) 2)) "two diagnostics")
(let ((d (e2e-diagnostics)))
  (unless (equal (e2e-text (nth 0 d)) "三是") (e2e-fail "first diagnostic covers %S" (e2e-text (nth 0 d))))
  (unless (string-search "序号不连续" (flymake-diagnostic-text (nth 0 d)))
    (e2e-fail "message %S" (flymake-diagnostic-text (nth 0 d))))
  (unless (equal (e2e-text (nth 1 d)) "二.") (e2e-fail "second diagnostic covers %S" (e2e-text (nth 1 d)))))

;; The quick fix 二. → 二、; eglot sends the edit back as an incremental didChange.
(eglot--apply-workspace-edit (plist-get (e2e-action 2 0 "numbering/style") :edit))
(unless (equal (e2e-line 2) "二、问题原因") (e2e-fail "line 2 after the fix: %S" (e2e-line 2)))
(e2e-wait (lambda () (= (length (flymake-diagnostics)) 1)) "one diagnostic after the fix")

;; "Disable on this line" for the gap: the comment line above it, and no diagnostics left.
(eglot--apply-workspace-edit (plist-get (e2e-action 1 18 "在此行停用 numbering/sequence") :edit))
(unless (equal (e2e-line 1) "<!-- checklint-disable-next-line numbering/sequence -->")
  (e2e-fail "line 1 after the disable action: %S" (e2e-line 1)))
(e2e-wait (lambda () (null (flymake-diagnostics))) "no diagnostics after the disable comment")

;; The outline: imenu asks the server for documentSymbol.
(defun e2e-imenu-names (index)
  "Every name in an imenu INDEX; eglot groups the symbols by kind (String, EnumMember …)."
  (cl-loop for (name . rest) in index
           append (if (imenu--subalist-p (cons name rest)) (e2e-imenu-names rest) (list name))))

(let ((names (e2e-imenu-names (funcall imenu-create-index-function))))
  (unless (and (member "一、存在的问题" names) (member "二、问题原因" names))
    (e2e-fail "imenu index %S" names)))

(eglot-shutdown (eglot-current-server))
(princ "emacs e2e: ok\n" #'external-debugging-output)
(kill-emacs 0)

